import { hostileSuite } from './hostile.js';

// One file for the four options: each test file pays its own imports and warm-up (knowledge,
// templates, validators), several CPU-seconds. Their .e2e.test.ts twins stay one per option.
hostileSuite('ecs-fargate');
hostileSuite('eks');
hostileSuite('lambda');
hostileSuite('sagemaker-batch');
