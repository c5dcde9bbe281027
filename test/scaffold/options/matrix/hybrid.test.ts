import { matrixFor } from '../matrix.js';

matrixFor('hybrid');
