import { matrixWithToolsFor } from '../matrix.js';

matrixWithToolsFor('eks');
