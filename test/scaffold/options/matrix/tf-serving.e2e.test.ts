import { matrixWithToolsFor } from '../matrix.js';

matrixWithToolsFor('tf-serving');
