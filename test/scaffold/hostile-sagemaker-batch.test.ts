import { hostileSuite } from './hostile.js';

hostileSuite('sagemaker-batch');
