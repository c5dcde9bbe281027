import { matrixFor } from '../matrix.js';

// Several options per file: each test file pays its own imports and warm-up (knowledge, templates,
// validators), several CPU-seconds, which one file per option paid ten times over.
matrixFor('sagemaker-realtime');
matrixFor('sagemaker-serverless');
matrixFor('sagemaker-async');
matrixFor('sagemaker-batch');
matrixFor('lambda');
