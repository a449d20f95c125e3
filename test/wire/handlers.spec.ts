import 'reflect-metadata';
import { DynamicModule, Logger, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA } from '@nestjs/common/constants';
import { PATTERN_METADATA } from '@nestjs/microservices/constants';
import { EVENTS, RPC, RPC_TYPES, ServiceName } from '@kpa/contracts';
import { createLogger, EVENT_SUBSCRIPTIONS, EventSubscription, handlerKey, IDEMPOTENT_COMMAND, RPC_HANDLER_SUBJECT } from '@kpa/platform';
import { CommerceConfig } from '../../apps/commerce/src/commerce.config';
import { CommerceModule } from '../../apps/commerce/src/commerce.module';
import { GatewayConfig } from '../../apps/gateway/src/gateway.config';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { MembershipConfig } from '../../apps/membership/src/membership.config';
import { MembershipModule } from '../../apps/membership/src/membership.module';
import { NetworkingConfig } from '../../apps/networking/src/networking.config';
import { NetworkingModule } from '../../apps/networking/src/networking.module';
import { RemunerationConfig } from '../../apps/remuneration/src/remuneration.config';
import { RemunerationModule } from '../../apps/remuneration/src/remuneration.module';
import { WorkerConfig } from '../../apps/worker/src/worker.config';
import { WorkerModule } from '../../apps/worker/src/worker.module';

/**
 * The wire as each service registers it, read from the modules' metadata without booting anything:
 * every RPC subject has exactly one handler, in the service its subject names, declared with the
 * typed @RpcHandler (so tsc checked its types against RpcMap); every event handler is for an event
 * of the catalogue and sits under its subscription's filter.
 */
const logger = createLogger('test', 'silent');
// Registering six TypeORM modules in one process makes Nest warn about their names: nothing boots here.
Logger.overrideLogger(false);
const services: Record<ServiceName, DynamicModule> = {
  gateway: GatewayModule.register(new GatewayConfig(), logger),
  membership: MembershipModule.register(new MembershipConfig(), logger),
  commerce: CommerceModule.register(new CommerceConfig(), logger),
  remuneration: RemunerationModule.register(new RemunerationConfig(), logger),
  networking: NetworkingModule.register(new NetworkingConfig(), logger),
  worker: WorkerModule.register(new WorkerConfig(), logger),
};

type ModuleRef = Type<unknown> | DynamicModule;

function modulesUnder(root: ModuleRef, seen = new Set<ModuleRef>()): ModuleRef[] {
  if (seen.has(root)) return [];
  seen.add(root);
  const dynamic = 'module' in root ? root : undefined;
  const moduleClass = dynamic ? dynamic.module : (root as Type<unknown>);
  const imports: ModuleRef[] = [...((Reflect.getMetadata('imports', moduleClass) as ModuleRef[] | undefined) ?? []), ...((dynamic?.imports as ModuleRef[] | undefined) ?? [])];
  return [root, ...imports.filter(Boolean).flatMap((child) => modulesUnder(child, seen))];
}

function controllersOf(service: ServiceName): Type<unknown>[] {
  return modulesUnder(services[service]).flatMap((module) => {
    const moduleClass = 'module' in module ? module.module : module;
    return [...((Reflect.getMetadata('controllers', moduleClass) as Type<unknown>[] | undefined) ?? []), ...(('module' in module ? module.controllers : undefined) ?? [])];
  });
}

interface Handler {
  service: ServiceName;
  method: string;
  patterns: unknown[];
  typedSubject: unknown;
}

function handlersOf(service: ServiceName): Handler[] {
  return controllersOf(service).flatMap((controller) =>
    Object.getOwnPropertyNames(controller.prototype)
      .filter((name) => name !== 'constructor')
      .map((name) => {
        const method = (controller.prototype as Record<string, unknown>)[name] as object;
        return {
          service,
          method: `${controller.name}.${name}`,
          patterns: (Reflect.getMetadata(PATTERN_METADATA, method) as unknown[] | undefined) ?? [],
          typedSubject: Reflect.getMetadata(RPC_HANDLER_SUBJECT, method) as unknown,
        };
      })
      .filter((handler) => handler.patterns.length > 0),
  );
}

function subscriptionsOf(service: ServiceName): Type<EventSubscription>[] {
  return modulesUnder(services[service]).flatMap((module) => {
    const providers = ('module' in module ? module.providers : undefined) ?? [];
    return providers.flatMap((provider) =>
      typeof provider === 'object' && 'provide' in provider && provider.provide === EVENT_SUBSCRIPTIONS && 'inject' in provider
        ? ((provider.inject ?? []) as Type<EventSubscription>[])
        : [],
    );
  });
}

const serviceNames = Object.keys(services) as ServiceName[];
const handlers = serviceNames.flatMap(handlersOf);

describe('the RPC handlers the services register', () => {
  it('are all declared with @RpcHandler, one subject each', () => {
    expect(handlers.length).toBeGreaterThan(0);
    expect(handlers.filter((handler) => handler.patterns.length !== 1 || handler.typedSubject !== handler.patterns[0]).map((handler) => handler.method)).toEqual([]);
  });

  it('answer every subject of the map exactly once, in the service the subject names', () => {
    // The gateway answers HTTP, not NATS: nobody asks for its readiness over the bus.
    const expected = Object.keys(RPC_TYPES).filter((subject) => subject !== 'rpc.gateway.health.ready');
    const found = handlers.map((handler) => `${String(handler.patterns[0])} @ ${handler.service}`);
    expect([...found].sort()).toEqual(expected.map((subject) => `${subject} @ ${subject.split('.')[1]}`).sort());
  });
});

describe('the event handlers the services register', () => {
  const catalogue = new Set(Object.values(EVENTS).map(handlerKey));
  const subscriptions = serviceNames.flatMap((service) => subscriptionsOf(service).map((subscription) => ({ service, subscription })));

  it('handle events of the catalogue only, each under its subscription’s filter', () => {
    expect(subscriptions.length).toBeGreaterThan(0);
    const problems: string[] = [];
    for (const { service, subscription } of subscriptions) {
      // The handlers are built at construction and use none of the dependencies.
      const instance = new (subscription as unknown as new () => EventSubscription)();
      const prefix = instance.filter.replace(/>$/, '');
      for (const key of Object.keys(instance.handlers)) {
        if (!catalogue.has(key)) problems.push(`${service} ${subscription.name}: ${key} is not in EVENTS`);
        if (!`events.${key}`.startsWith(prefix)) problems.push(`${service} ${subscription.name}: ${key} is outside ${instance.filter}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('the commands behind an idempotent POST', () => {
  /** `RPC.commerce.invoiceIssue` → its subject. */
  const subjectOf = (path: string) => path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], { RPC }) as string;
  /** Reads (and the simulator) change nothing: a POST may call them, they record nothing. */
  const isRead = (path: string) => /(Get|List)$/.test(path) || path === 'RPC.remuneration.paySimulate';

  /** The subjects a gateway POST handler calls: in its own body, or in the controller's methods it calls. */
  function subjectsCalledBy(controller: Type<unknown>, name: string, seen = new Set<string>()): string[] {
    if (seen.has(name)) return [];
    seen.add(name);
    const source = String((controller.prototype as Record<string, unknown>)[name]);
    const own = [...source.matchAll(/RPC\.(\w+)\.(\w+)/g)].map((match) => match[0]);
    const helpers = [...source.matchAll(/this\.(\w+)\(/g)]
      .map((match) => match[1])
      .filter((helper) => typeof (controller.prototype as Record<string, unknown>)[helper] === 'function');
    return [...own, ...helpers.flatMap((helper) => subjectsCalledBy(controller, helper, seen))];
  }

  const posts = controllersOf('gateway').flatMap((controller) =>
    Object.getOwnPropertyNames(controller.prototype)
      .filter((name) => Reflect.getMetadata(METHOD_METADATA, (controller.prototype as Record<string, object>)[name]) === RequestMethod.POST)
      .map((name) => ({ route: `${controller.name}.${name}`, subjects: subjectsCalledBy(controller, name) })),
  );
  const marked = new Set(
    serviceNames.flatMap((service) =>
      controllersOf(service).flatMap((controller) =>
        Object.getOwnPropertyNames(controller.prototype)
          .map((name) => (controller.prototype as Record<string, object>)[name])
          .filter((method) => typeof method === 'function' && Reflect.getMetadata(IDEMPOTENT_COMMAND, method) === true)
          .map((method) => Reflect.getMetadata(RPC_HANDLER_SUBJECT, method) as string),
      ),
    ),
  );

  it('record the Idempotency-Key with their effect: every command a gateway POST calls is marked @IdempotentCommand()', () => {
    expect(posts.filter((post) => post.subjects.length > 0).length).toBeGreaterThan(30);
    const unmarked = posts.flatMap(({ route, subjects }) => subjects.filter((path) => !isRead(path) && !marked.has(subjectOf(path))).map((path) => `${route} → ${path}`));
    expect(unmarked).toEqual([]);
  });

  it('mark commands only: no read carries the marker', () => {
    const reads = Object.keys(RPC_TYPES).filter((subject) => /\.(get|list)$/.test(subject));
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.filter((subject) => marked.has(subject))).toEqual([]);
  });
});
