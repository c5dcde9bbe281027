import { hostileToolsSuite } from './hostile.js';

hostileToolsSuite('lambda');
