import { hostileSuite } from './hostile.js';

hostileSuite('ecs-fargate');
