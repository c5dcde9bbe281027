import { describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { checkLeastPrivilege, classifyYaml, validateK8sFile } from '../support/validate/index.js';
import { validateAlertmanagerConfig } from '../support/validate/alertmanager.js';
import { prepare } from './support.js';
import { renderer, text, cfn, type Obj } from './rendered.js';

/**
 * A fourth DevOps review of generated repositories, checked on the rendered files in memory (the
 * deploy scripts run under recorded fakes in day-one-2.e2e.test.ts).
 */

const render = renderer();

describe('eks: the project budget sees what the project runs', () => {
  it('the Ingress tags its load balancer with the project tag the budget filters on', async () => {
    const files = await render('eks');
    const docs = parseAllDocuments(text(files, 'k8s/base/network.yaml')).map((d) => d.toJS() as Obj);
    const ingress = docs.find((d) => d?.kind === 'Ingress')!;
    expect(ingress.metadata.annotations['alb.ingress.kubernetes.io/tags']).toBe('project=fraud-scorer');
    const budget = cfn(text(files, 'infra/alerts/stack.yaml')).Resources.MonthlyBudget as Obj;
    expect(budget.Properties.Budget.CostFilters.TagKeyValue).toEqual(['user:project$fraud-scorer']);
  });

  it('both READMEs say the shared cluster nodes are not in the project budget', async () => {
    const files = await render('eks');
    for (const path of ['README.md', 'infra/README.md']) {
      expect(text(files, path), path).toMatch(/nodes are not in the\s+project budget/);
    }
    expect(text(files, 'infra/README.md')).toMatch(
      /dedicated managed node group tagged `project=fraud-scorer`/,
    );
  });
});

describe('sagemaker-batch: the nightly job is scheduled and watched', () => {
  const batch = async () => text(await render('sagemaker-batch'), 'infra/sagemaker/stack.yaml');

  it('an EventBridge Scheduler schedule starts CreateTransformJob with a unique, valid job name', async () => {
    const stack = cfn(await batch());
    expect(stack.Parameters.TransformSchedule.Default).toBe('cron(0 2 * * ? *)');
    expect(new RegExp(stack.Parameters.TransformSchedule.AllowedPattern).test('cron(0 2 * * ? *)')).toBe(
      true,
    );
    const schedule = stack.Resources.NightlyTransform as Obj;
    expect(schedule.Type).toBe('AWS::Scheduler::Schedule');
    expect(schedule.Condition).toBe('HasSchedule');
    expect(schedule.Properties.ScheduleExpression).toEqual({ Ref: 'TransformSchedule' });
    const target = schedule.Properties.Target as Obj;
    expect(target.Arn['Fn::Sub']).toBe(
      'arn:${AWS::Partition}:scheduler:::aws-sdk:sagemaker:createTransformJob',
    );
    // The Input, with CloudFormation's ${...} and the scheduler's <...> put in as values would be.
    const input = JSON.parse(
      (target.Input['Fn::Sub'] as string)
        .replaceAll('${ProjectName}', 'abcdefghijklmnopqrst')
        .replaceAll('${Environment}', 'production')
        .replaceAll('<aws.scheduler.execution-id>', 'd32c5kddcf5bb8c3')
        .replace(/\$\{[\w.:]+\}/g, 'x'),
    ) as Obj;
    // SageMaker's TransformJobName: ^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$, so 63 characters at most.
    expect(input.TransformJobName).toMatch(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/);
    expect(input.TransformJobName.startsWith('abcdefghijklmnopqrst-production-')).toBe(true);
    expect(input.TransformInput.SplitType).toBe('Line');
    expect(input.TransformResources.InstanceCount).toBeGreaterThanOrEqual(1);
    // The scheduler's role may start this environment's jobs only.
    const role = stack.Resources.SchedulerRole as Obj;
    const statements = role.Properties.Policies[0].PolicyDocument.Statement as Obj[];
    expect(statements[0]!.Action).toEqual(['sagemaker:CreateTransformJob', 'sagemaker:AddTags']);
    expect(statements[0]!.Resource['Fn::Sub']).toMatch(
      /transform-job\/\$\{ProjectName\}-\$\{Environment\}-nightly-\*$/,
    );
    expect(checkLeastPrivilege(stack)).toEqual([]);
  });

  it('the schedule runs in production by default, and staging can opt in', async () => {
    const stack = cfn(await batch());
    expect(stack.Resources.NightlyTransform.Properties.State).toEqual({
      'Fn::If': ['ScheduleEnabled', 'ENABLED', 'DISABLED'],
    });
    expect(JSON.stringify(stack.Conditions.ScheduleEnabled)).toContain('IsProduction');
    expect(stack.Parameters.TransformScheduleState.AllowedValues).toEqual(['', 'ENABLED', 'DISABLED']);
  });

  it('an alarm fires when no job completed in 26 hours', async () => {
    const stack = cfn(await batch());
    const rule = stack.Resources.CompletedJobRule as Obj;
    expect(rule.Properties.EventPattern.detail.TransformJobStatus).toEqual(['Completed']);
    const alarm = stack.Resources.NoCompletedJobAlarm.Properties as Obj;
    expect(alarm.Dimensions).toEqual([{ Name: 'RuleName', Value: { Ref: 'CompletedJobRule' } }]);
    expect(alarm.Period * alarm.EvaluationPeriods).toBe(26 * 3600);
    expect(alarm.DatapointsToAlarm).toBe(alarm.EvaluationPeriods);
    // CloudWatch allows up to 7 days of evaluation for periods of an hour or more.
    expect(alarm.Period).toBeGreaterThanOrEqual(3600);
    expect(alarm).toMatchObject({
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
    expect(alarm.AlarmActions).toEqual([{ Ref: 'AlarmTopic' }]);
  });

  it('run_transform.sh needs the environment; the README documents the schedule', async () => {
    const files = await render('sagemaker-batch');
    const script = text(files, 'scripts/run_transform.sh');
    expect(script).not.toContain('DEPLOY_ENV:-staging');
    expect(script).toMatch(
      /environment="\$\{1:-\}"\ncase "\$environment" in\n {2}staging \| production\) ;;/,
    );
    expect(text(files, 'scripts/smoke_transform.sh')).toContain(
      'scripts/run_transform.sh "$environment" "" 1',
    );
    const readme = text(files, 'infra/README.md');
    expect(readme).toContain('cron(0 2 * * ? *)');
    expect(readme).toContain('TransformSchedule');
    expect(readme).toMatch(/26 hours/);
  });
});

describe('on-prem and hybrid: typed Alertmanager receivers', () => {
  const RECEIVERS = {
    slack: ['slack_configs', 'api_url_file'],
    teams: ['msteamsv2_configs', 'webhook_url_file'],
    pagerduty: ['pagerduty_configs', 'routing_key_file'],
    opsgenie: ['opsgenie_configs', 'api_key_file'],
    webhook: ['webhook_configs', 'url_file'],
  } as const;

  it.each(['on-prem', 'hybrid'] as const)(
    '%s: one valid config per receiver kind, its secret read from a file',
    async (option) => {
      const files = await render(option);
      expect(files.some((f) => f.path === 'monitoring/alertmanager.yml')).toBe(false);
      for (const [name, [kind, fileKey]] of Object.entries(RECEIVERS)) {
        const source = text(files, `monitoring/alertmanager/${name}.yml`);
        expect(validateAlertmanagerConfig(source), name).toEqual([]);
        const config = parseYaml(source) as Obj;
        expect(config.route.receiver).toBe('team');
        expect(Object.keys(config.receivers[0]).sort()).toEqual([kind, 'name'].sort());
        expect(config.receivers[0][kind]).toEqual([
          { [fileKey]: '/alertmanager/alert_secret', send_resolved: true },
        ]);
      }
    },
  );

  it('the validator knows what Alertmanager refuses', () => {
    const config = (receiver: string) => `route:\n  receiver: team\nreceivers:\n  - name: team\n${receiver}`;
    expect(validateAlertmanagerConfig(config('    webhook_configs:\n      - url_file: /x\n'))).toEqual([]);
    // The generic receiver with a Slack-only key, and a secret given twice.
    expect(validateAlertmanagerConfig(config('    webhook_configs:\n      - api_url_file: /x\n'))).toEqual([
      'receivers[0].webhook_configs[0]: unknown key api_url_file',
      'receivers[0].webhook_configs[0]: needs one of url, url_file',
    ]);
    expect(
      validateAlertmanagerConfig(
        config('    pagerduty_configs:\n      - routing_key: k\n        routing_key_file: /x\n'),
      ),
    ).toEqual(['receivers[0].pagerduty_configs[0]: at most one of routing_key and routing_key_file']);
    expect(validateAlertmanagerConfig(config('    teams_configs:\n      - url: x\n'))).toEqual([
      'receivers[0]: unknown key teams_configs',
    ]);
    expect(validateAlertmanagerConfig('route:\n  receiver: nobody\nreceivers: []\n')).toEqual([
      'route: receiver nobody is not defined',
    ]);
  });

  it.each(['on-prem', 'hybrid'] as const)(
    '%s: compose starts Alertmanager with the chosen receiver; host.env and docs name them',
    async (option) => {
      const files = await render(option);
      const compose = parseYaml(text(files, 'compose.yaml')) as Obj;
      const am = compose.services.alertmanager as Obj;
      expect(am.environment).toMatchObject({
        ALERT_RECEIVER: expect.stringMatching(/^\$\{ALERT_RECEIVER:\?/),
        ALERT_SECRET: expect.stringMatching(/^\$\{ALERT_SECRET:\?/),
      });
      expect(am.command[0]).toContain('"/etc/alertmanager/$$ALERT_RECEIVER.yml" > /alertmanager/config.yml');
      expect(am.command[0]).toContain(
        'case "$$ALERT_RECEIVER" in slack | teams | pagerduty | opsgenie | webhook) ;;',
      );
      expect(am.volumes).toContain('./monitoring/alertmanager:/etc/alertmanager:ro');
      // msteamsv2_configs arrived in Alertmanager v0.28.0.
      expect(am.image).toBe('prom/alertmanager:v0.28.1');
      const example = text(files, 'infra/host.env.example');
      expect(example).toMatch(
        /# REQUIRED: .*slack, teams, pagerduty, opsgenie or webhook[^\n]*\n(#[^\n]*\n)*ALERT_RECEIVER=\n/,
      );
      expect(example).toMatch(/# REQUIRED: [^\n]*\n(#[^\n]*\n)*ALERT_SECRET=\n/);
      expect(example).not.toContain('ALERT_WEBHOOK_URL');
      const readme = text(files, 'infra/README.md');
      for (const kind of Object.values(RECEIVERS).map(([k]) => k)) expect(readme, kind).toContain(kind);
      for (const f of files.filter((f) => /README|\.env|compose/.test(f.path)))
        expect(text(files, f.path), f.path).not.toContain('ALERT_WEBHOOK_URL');
    },
  );
});

describe('on-prem and hybrid: alert rules that see a stopped container', () => {
  it.each(['on-prem', 'hybrid'] as const)(
    '%s: down is the absence of an up replica, missing replicas count against the deployed number',
    async (option) => {
      const files = await render(option, { requestsPerSecond: 200 });
      const replicas = (parseYaml(text(files, 'compose.yaml')) as Obj).services.model.deploy
        .replicas as number;
      expect(replicas).toBeGreaterThanOrEqual(2);
      const rules = (parseYaml(text(files, 'monitoring/alerts.yml')) as Obj).groups.flatMap(
        (g: Obj) => g.rules as Obj[],
      ) as Obj[];
      const rule = (name: string) => rules.find((r) => r.alert === name)!;
      expect(rule('ModelDown').expr).toBe('absent(up{job="model"} == 1)');
      expect(rule('ModelReplicasMissing').expr).toBe(`count(up{job="model"} == 1) < ${replicas}`);
      expect(rule('ModelNotLoaded').expr).toBe('model_loaded == 0');
      expect(rules.some((r) => /up\{job="model"\} == 0/.test(String(r.expr)))).toBe(false);
      expect(rule('Watchdog')).toMatchObject({ expr: 'vector(1)', labels: { severity: 'none' } });
      expect(rule('Watchdog').for).toBeUndefined();
    },
  );

  it("the Watchdog goes to the dead-man's switch only; without one the config stays valid", async () => {
    const files = await render('on-prem');
    for (const name of ['slack', 'teams', 'pagerduty', 'opsgenie', 'webhook']) {
      const source = text(files, `monitoring/alertmanager/${name}.yml`);
      const config = parseYaml(source) as Obj;
      expect(config.route.routes).toEqual([
        expect.objectContaining({
          matchers: ['alertname="Watchdog"'],
          receiver: 'heartbeat',
          repeat_interval: '1m',
        }),
      ]);
      expect(config.receivers[1]).toEqual({
        name: 'heartbeat',
        webhook_configs: [{ url_file: '/alertmanager/heartbeat_url', send_resolved: false }],
      });
      // What compose.yaml's sed leaves when ALERT_HEARTBEAT_URL is empty: a receiver that drops it.
      const stripped = source.replace(/^.*# heartbeat\n/gm, '');
      expect(stripped.split('\n').length).toBe(source.split('\n').length - 3);
      expect(validateAlertmanagerConfig(stripped), name).toEqual([]);
      expect((parseYaml(stripped) as Obj).receivers[1]).toEqual({ name: 'heartbeat' });
    }
    const compose = parseYaml(text(files, 'compose.yaml')) as Obj;
    const am = compose.services.alertmanager as Obj;
    expect(am.environment.ALERT_HEARTBEAT_URL).toBe('${ALERT_HEARTBEAT_URL:-}');
    expect(am.command[0]).toContain("sed '/# heartbeat$$/d'");
    expect(text(files, 'infra/host.env.example')).toMatch(/^ALERT_HEARTBEAT_URL=$/m);
    expect(text(files, 'infra/README.md')).toMatch(/Dead-man's switch/);
  });
});

describe('on-prem: availability claims match one Compose host', () => {
  it('the README says what two replicas on one host protect from, and how to survive a host failure', async () => {
    const files = await render('on-prem');
    for (const path of ['README.md', 'infra/README.md'])
      expect(text(files, path), path).not.toMatch(/across zones/);
    expect(text(files, 'README.md')).toMatch(
      /a crashed or restarting replica does not take the service down/,
    );
    expect(text(files, 'README.md')).toMatch(/share one host, which they do not protect from failing/);
    expect(text(files, 'infra/README.md')).toMatch(/One host is one failure domain[\s\S]*DEPLOY_TARGET=k8s/);
  });

  it('hybrid: no zone claim for the replicas on one host either', async () => {
    expect(text(await render('hybrid'), 'README.md')).not.toMatch(/across zones/);
  });
});

describe('hybrid: the cloud side can scale out for a burst', () => {
  it.each([5, 50, 200])(
    'at %i requests/s production MaxTasks exceeds MinTasks 1 and covers the quoted peak',
    async (rps) => {
      const prepared = await prepare('hybrid', { requestsPerSecond: rps });
      const stack = cfn(text(prepared.files, 'infra/ecs/stack.yaml'));
      const production = stack.Mappings.Sizing.production as Obj;
      expect(production.MinTasks).toBe(1);
      expect(production.MaxTasks).toBeGreaterThan(production.MinTasks);
      // The README quotes capacity.production.max instances for the peak; the engine's failover count.
      expect(production.MaxTasks).toBeGreaterThanOrEqual(prepared.context.capacity.production.max);
      const engineMax = Number(prepared.context.sizing.find((s) => s.key === 'cloudMaxTasks')!.value);
      expect(production.MaxTasks).toBeGreaterThanOrEqual(engineMax);
    },
  );
});

describe('the server fails fast without a model, and the README says so', () => {
  it.each(['ecs-fargate', 'on-prem', 'sagemaker-realtime', 'eks'] as const)('%s', async (option) => {
    const readme = text(await render(option), 'README.md');
    expect(readme).toMatch(
      /\*\*Fail-fast:\*\* with no loadable model at `MODEL_PATH` the server exits at start/,
    );
  });
});

describe('on-prem and hybrid on Kubernetes: alerting ships with the overlays', () => {
  it.each(['on-prem', 'hybrid'] as const)(
    '%s: a valid ServiceMonitor and PrometheusRule per overlay',
    async (option) => {
      const prepared = await prepare(option, { requestsPerSecond: 200 });
      const files = prepared.files;
      for (const env of ['staging', 'production'] as const) {
        const source = text(files, `k8s/overlays/${env}/monitoring.yaml`);
        expect(validateK8sFile(source), env).toEqual([]);
        const docs = parseAllDocuments(source).map((d) => d.toJS() as Obj);
        expect(docs.map((d) => d.kind)).toEqual(['ServiceMonitor', 'PrometheusRule']);
        const [monitor, rule] = docs as [Obj, Obj];
        // The ServiceMonitor selects the Service by its labels and scrapes its named port.
        const service = parseAllDocuments(text(files, 'k8s/base/service.yaml'))
          .map((d) => d.toJS() as Obj)
          .find((d) => d.kind === 'Service')!;
        expect(monitor.spec.selector.matchLabels).toEqual(service.metadata.labels);
        expect(monitor.spec.endpoints[0]).toMatchObject({
          port: service.spec.ports[0].name,
          path: '/metrics',
        });
        // The Compose rules, by name, selected by the Service's job and this namespace.
        const compose = (parseYaml(text(files, 'monitoring/alerts.yml')) as Obj).groups[0].rules.map(
          (r: Obj) => r.alert,
        );
        const rules = rule.spec.groups[0].rules as Obj[];
        expect(rules.map((r) => r.alert)).toEqual(compose);
        const namespace = `fraud-scorer-${env}`;
        for (const r of rules)
          expect(r.expr, r.alert).toContain(`job="fraud-scorer", namespace="${namespace}"`);
        const min = prepared.context.capacity[env].min;
        expect(rules.find((r) => r.alert === 'ModelReplicasMissing')!.expr).toBe(
          `count(up{job="fraud-scorer", namespace="${namespace}"} == 1) < ${min}`,
        );
        // Not a kustomize resource: a cluster without the operator's CRDs still deploys.
        expect(text(files, `k8s/overlays/${env}/kustomization.yaml`)).not.toContain('monitoring.yaml');
      }
      const deploy = text(files, 'infra/k8s-deploy.sh');
      expect(deploy).toContain(
        'kubectl get crd servicemonitors.monitoring.coreos.com prometheusrules.monitoring.coreos.com',
      );
      expect(deploy).toContain(
        'kubectl -n "$namespace" apply -f "k8s/overlays/${environment}/monitoring.yaml"',
      );
    },
  );

  it('eks keeps its CloudWatch alerting and gets no Prometheus Operator objects', async () => {
    const files = await render('eks');
    expect(files.some((f) => f.path.endsWith('monitoring.yaml'))).toBe(false);
    expect(text(files, 'infra/k8s-deploy.sh')).not.toContain('monitoring.coreos.com');
  });

  it('the custom-resource check reports what the operator would not accept', () => {
    const bad = [
      'apiVersion: monitoring.coreos.com/v1',
      'kind: PrometheusRule',
      'metadata: {name: x}',
      'spec:',
      '  groups:',
      '    - name: g',
      '      rules:',
      '        - alert: A',
      '          record: b',
      '          expr: up',
      '          for: two minutes',
      '          severity: page',
    ].join('\n');
    expect(validateK8sFile(bad)).toEqual([
      'PrometheusRule/x.spec.groups[0].rules[0]: unknown field severity',
      'PrometheusRule/x.spec.groups[0].rules[0]: exactly one of alert and record',
      'PrometheusRule/x.spec.groups[0].rules[0].for: not a duration',
    ]);
    expect(
      validateK8sFile(
        'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: x}\nspec: {endpoints: [{path: /metrics}]}\n',
      ),
    ).toEqual([
      'ServiceMonitor/x.spec.selector is required',
      'ServiceMonitor/x.spec.endpoints[0]: port or targetPort is required',
    ]);
  });
});

describe('the repository validators check Alertmanager files', () => {
  it('monitoring/alertmanager/*.yml is classified and validated as Alertmanager configuration', () => {
    expect(classifyYaml('monitoring/alertmanager/slack.yml', 'route: {}\n')).toBe('alertmanager');
    expect(classifyYaml('monitoring/alertmanager.yml', 'route: {}\n')).toBe('alertmanager');
    expect(classifyYaml('monitoring/alerts.yml', 'groups: []\n')).toBe('yamllint');
  });
});
