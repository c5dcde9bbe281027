import { matrixFor } from '../matrix.js';

matrixFor('ecs-fargate');
