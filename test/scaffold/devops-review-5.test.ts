import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { checkLeastPrivilege, validateK8sFile } from '../support/validate/index.js';
import { formatAmount } from '../../src/core/format.js';
import { renderer, text, cfn, type Obj } from './rendered.js';

/**
 * A fifth DevOps review of generated repositories, checked on the rendered files in memory (the
 * scripts run under recorded fakes in devops-review-5.e2e.test.ts).
 */

const render = renderer();
const scheduleInput = (stack: Obj): Obj =>
  JSON.parse(
    (stack.Resources.NightlyTransform.Properties.Target.Input['Fn::Sub'] as string)
      .replaceAll('${ProjectName}', 'fraud-scorer')
      .replaceAll('${Environment}', 'production')
      .replaceAll('<aws.scheduler.execution-id>', 'd32c5kddcf5bb8c3')
      .replace(/\$\{[\w.:]+\}/g, 'x'),
  ) as Obj;

describe('sagemaker-batch: only the nightly job clears the missed-run alarm', () => {
  it('scheduled jobs have a prefix of their own, and the completed-job rule matches only it', async () => {
    const files = await render('sagemaker-batch');
    const stack = cfn(text(files, 'infra/sagemaker/stack.yaml'));
    const input = scheduleInput(stack);
    expect(input.TransformJobName).toBe('fraud-scorer-production-nightly-d32c5kddcf5bb8c3');
    const prefix = stack.Resources.CompletedJobRule.Properties.EventPattern.detail.TransformJobName[0].prefix[
      'Fn::Sub'
    ] as string;
    expect(prefix).toBe('${ProjectName}-${Environment}-nightly-');
    const matches = (job: string) =>
      job.startsWith(
        prefix.replace('${ProjectName}', 'fraud-scorer').replace('${Environment}', 'production'),
      );
    expect(matches(input.TransformJobName)).toBe(true);
    // The deploy's smoke job and a job by hand (their names, as the scripts make them) do not.
    expect(text(files, 'scripts/smoke_transform.sh')).toContain('job="${stack}-smoke-$(date');
    expect(matches('fraud-scorer-production-smoke-20261203083000')).toBe(false);
    expect(matches('fraud-scorer-production-20261203083000')).toBe(false);
  });
});

describe('sagemaker-batch: transform jobs are in the project budget', () => {
  it('the schedule tags its jobs with the project tag, and its role may tag them', async () => {
    const stack = cfn(text(await render('sagemaker-batch'), 'infra/sagemaker/stack.yaml'));
    expect(scheduleInput(stack).Tags).toContainEqual({ Key: 'project', Value: 'fraud-scorer' });
    const statement = stack.Resources.SchedulerRole.Properties.Policies[0].PolicyDocument.Statement[0] as Obj;
    expect(statement.Action).toContain('sagemaker:AddTags');
    expect(checkLeastPrivilege(stack)).toEqual([]);
  });

  it('a long project name: jobs started by hand carry the whole name the budget filters on', async () => {
    const files = await render('sagemaker-batch', { projectName: 'Customer Lifetime Value Nightly Scoring' });
    const budgetTag = /user:project\$([a-z0-9-]+)/.exec(text(files, 'infra/sagemaker/stack.yaml'))?.[1];
    expect(budgetTag).toBe('customer-lifetime-value-nightly-scoring');
    const script = text(files, 'scripts/run_transform.sh');
    // The stack name is cut to 20 characters; the tag is not (it was, so the budget missed them).
    expect(script).toMatch(new RegExp(`^project_tag='${budgetTag}'$`, 'm'));
    expect(script).toMatch(/--tags "Key=project,Value=\$\{project_tag\}"/);
  });
});

// tf-serving runs on an EC2 Auto Scaling group (no ECS service); ecs-fargate and hybrid's cloud
// side share templates/scaffold/_families/ecs.
describe('ECS: the tasks are in the project budget', () => {
  it.each(['ecs-fargate', 'hybrid'] as const)(
    '%s: every ECS service propagates its tags to its tasks',
    async (option) => {
      const files = await render(option);
      const services = files
        .filter((f) => /\.ya?ml$/.test(f.path) && f.path.startsWith('infra/'))
        .flatMap((f) => {
          const source = text(files, f.path);
          if (!source.includes('AWS::ECS::Service')) return [];
          return Object.values(cfn(source).Resources as Obj).filter((r) => r.Type === 'AWS::ECS::Service');
        });
      expect(services.length).toBeGreaterThan(0);
      for (const service of services) {
        expect(service.Properties).toMatchObject({ PropagateTags: 'SERVICE', EnableECSManagedTags: true });
      }
    },
  );
});

describe('eks: the budget says what it counts', () => {
  it('the READMEs and the alert stack say the limit is measured against tagged spend only', async () => {
    const files = await render('eks');
    const stack = cfn(text(files, 'infra/alerts/stack.yaml'));
    expect(stack.Description).toMatch(
      /counts only the tagged\s+load balancer and stacks, not the shared cluster's nodes/,
    );
    expect(text(files, 'README.md')).toMatch(
      /counts only the load balancer and\s+the stacks: the nodes can overrun/,
    );
    expect(text(files, 'infra/README.md')).toMatch(
      /measured against the load\s+balancer and the stacks only/,
    );
  });
});

describe('on-prem and hybrid: /metrics is not served at the edge', () => {
  it.each([
    ['on-prem', 'router/default.conf'],
    ['hybrid', 'router/default.conf.template'],
  ] as const)('%s: the router answers /metrics with 404', async (option, path) => {
    const conf = text(await render(option), path);
    // An exact-match location wins over every prefix location in nginx, wherever it stands.
    expect(conf).toMatch(/\n {4}location = \/metrics \{\n {8}return 404;\n {4}\}\n/);
  });

  it('on-prem: the Kubernetes Ingress forwards /invocations and /ping only', async () => {
    const files = await render('on-prem');
    const ingress = parseAllDocuments(text(files, 'k8s/base/network.yaml'))
      .map((d) => d.toJS() as Obj)
      .find((d) => d?.kind === 'Ingress')!;
    expect((ingress.spec.rules[0].http.paths as Obj[]).map((p) => [p.path, p.pathType])).toEqual([
      ['/invocations', 'Exact'],
      ['/ping', 'Exact'],
    ]);
    expect(validateK8sFile(text(files, 'k8s/base/network.yaml'))).toEqual([]);
  });
});

describe('the RELEASE_RESTORE branch is rendered where compose-deploy.sh sets it', () => {
  it.each([
    ['ecs-fargate', 'infra/ecs-deploy.sh', {}],
    ['lambda', 'infra/deploy.sh', {}],
    ['tf-serving', 'infra/deploy.sh', { framework: 'tensorflow' }],
  ] as const)(
    '%s: no RELEASE_RESTORE branch (the repo has no infra/compose-deploy.sh)',
    async (option, path, o) => {
      const files = await render(option, o);
      expect(files.some((f) => f.path === 'infra/compose-deploy.sh')).toBe(false);
      expect(text(files, path)).not.toMatch(/RELEASE_RESTORE|compose-deploy\.sh/);
    },
  );

  it('hybrid: infra/compose-deploy.sh sets it and infra/ecs-deploy.sh honours it', async () => {
    const files = await render('hybrid');
    expect(text(files, 'infra/compose-deploy.sh')).toContain('RELEASE_RESTORE=1 ');
    expect(text(files, 'infra/ecs-deploy.sh')).toContain('elif [ "${RELEASE_RESTORE:-}" = 1 ]; then');
  });
});

describe('README cost tables print quantities as the CLI does', () => {
  it('eks: the load balancer capacity units are rounded and grouped, not raw floats', async () => {
    const readme = text(await render('eks'), 'README.md');
    const rows = readme.split('\n').filter((l) => /^\| .* \| .* \| LCU\\-hour \| \$/.test(l));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const quantity = row.split(' | ')[1]!;
      expect(quantity, row).toBe(formatAmount(Number(quantity.replaceAll(',', ''))));
      expect(quantity, row).toMatch(/^\d{1,3}(,\d{3})*(\.\d{1,6})?$/);
    }
    expect(readme).not.toMatch(/\| \d+\.\d{7,} \|/);
  });
});
