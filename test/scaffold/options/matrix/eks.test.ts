import { matrixFor } from '../matrix.js';

matrixFor('eks');
