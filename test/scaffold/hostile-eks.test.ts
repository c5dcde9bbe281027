import { hostileSuite } from './hostile.js';

hostileSuite('eks');
