import { matrixWithToolsFor } from '../matrix.js';

matrixWithToolsFor('sagemaker-batch');
