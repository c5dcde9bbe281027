import { hostileSuite } from './hostile.js';

hostileSuite('lambda');
