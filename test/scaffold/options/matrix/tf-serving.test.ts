import { matrixFor } from '../matrix.js';

matrixFor('tf-serving');
