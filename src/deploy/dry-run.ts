import type { ApiCall } from './api.js';
import type { DeployPlan } from './plan.js';

/**
 * The dry run: every call a deploy would make (operation and input JSON, exactly what the SDK would
 * be given), in order. An endpoint's calls list both paths, since whether it exists is only known by asking.
 */

export interface PlannedCall extends ApiCall {
  /** When the call is made, if not always. */
  when?: string;
}

/** The calls a run makes, in order, each with the condition under which it is made. */
export function plannedCalls(plan: DeployPlan): { calls: PlannedCall[] } {
  if (plan.kind === 'batch') {
    return {
      calls: [
        ...plan.models.map((input) => ({ operation: 'CreateModel' as const, input })),
        { operation: 'CreateTransformJob', input: plan.job },
        {
          operation: 'DescribeTransformJob',
          input: { TransformJobName: plan.jobName },
          when: 'repeated until Completed, Failed or Stopped',
        },
      ],
    };
  }
  if (plan.kind === 'components') {
    return {
      calls: [
        {
          operation: 'DescribeEndpoint',
          input: { EndpointName: plan.endpointName },
          when: 'decides whether the endpoint (instances only) must be created',
        },
        ...plan.models.map((input) => ({ operation: 'CreateModel' as const, input })),
        {
          operation: 'CreateEndpointConfig',
          input: plan.endpointConfig,
          when: 'if the endpoint does not exist yet',
        },
        { operation: 'CreateEndpoint', input: plan.create, when: 'if the endpoint does not exist yet' },
        ...plan.components.flatMap((step): PlannedCall[] => [
          {
            operation: 'DescribeInferenceComponent',
            input: { InferenceComponentName: step.name },
            when: 'decides between creating and updating it',
          },
          { operation: 'CreateInferenceComponent', input: step.create, when: 'if it does not exist yet' },
          {
            operation: 'UpdateInferenceComponent',
            input: step.update,
            when: `if it exists: in place, ${plan.updateStrategy}`,
          },
          {
            operation: 'DescribeInferenceComponent',
            input: { InferenceComponentName: step.name },
            when: 'repeated until InService on the new model, or Failed',
          },
        ]),
      ],
    };
  }
  return {
    calls: [
      {
        operation: 'DescribeEndpoint',
        input: { EndpointName: plan.endpointName },
        when: 'decides between creating and updating',
      },
      ...plan.models.map((input) => ({ operation: 'CreateModel' as const, input })),
      { operation: 'CreateEndpointConfig', input: plan.endpointConfig },
      { operation: 'CreateEndpoint', input: plan.create, when: 'if the endpoint does not exist yet' },
      { operation: 'UpdateEndpoint', input: plan.update, when: `if it exists: ${plan.updateStrategy}` },
      {
        operation: 'DescribeEndpoint',
        input: { EndpointName: plan.endpointName },
        when: 'repeated until InService or Failed',
      },
    ],
  };
}

/** The dry run as text: a comment line per call, then `SageMaker.<Operation> <input JSON>`. */
export function formatDryRun(plan: DeployPlan): string {
  const { calls } = plannedCalls(plan);
  const target = plan.kind === 'batch' ? `transform job ${plan.jobName}` : `endpoint ${plan.endpointName}`;
  const lines = [`# dry run: no calls are made. SageMaker in ${plan.region}, ${target}.`];
  for (const note of plan.notes) lines.push(`# note: ${note}`);
  calls.forEach((call, i) => {
    lines.push('', `# ${i + 1}. ${call.operation}${call.when ? `: ${call.when}` : ''}`);
    lines.push(`SageMaker.${call.operation} ${JSON.stringify(call.input, null, 2)}`);
  });
  return lines.join('\n');
}
