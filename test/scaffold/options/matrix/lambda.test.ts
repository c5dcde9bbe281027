import { matrixFor } from '../matrix.js';

matrixFor('lambda');
