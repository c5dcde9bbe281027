import { matrixWithToolsFor } from '../matrix.js';

matrixWithToolsFor('ecs-fargate');
