import { matrixFor } from '../matrix.js';

// Several options per file (see aws-managed.test.ts).
matrixFor('ecs-fargate');
matrixFor('eks');
matrixFor('tf-serving');
matrixFor('on-prem');
matrixFor('hybrid');
