import { hostileToolsSuite } from './hostile.js';

hostileToolsSuite('ecs-fargate');
