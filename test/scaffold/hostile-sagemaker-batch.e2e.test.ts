import { hostileToolsSuite } from './hostile.js';

hostileToolsSuite('sagemaker-batch');
