import { hostileToolsSuite } from './hostile.js';

hostileToolsSuite('eks');
