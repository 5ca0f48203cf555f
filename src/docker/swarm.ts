import { docker, nativeEngine, type EngineHandle } from "./client.js";
import { ignoringGone, statusOf } from "./gone.js";

/** Is this engine a swarm manager (the only kind of node that may create services)? */
export async function isSwarmManager(): Promise<boolean> {
  try {
    await docker().swarmInspect();
    return true;
  } catch (error) {
    // 503: not part of a swarm, or a worker
    if (statusOf(error) === 503 || statusOf(error) === 406) return false;
    throw error;
  }
}

export async function createOverlayNetwork(name: string, labels: Record<string, string>): Promise<string> {
  const network = await docker().createNetwork({ Name: name, Driver: "overlay", Attachable: true, CheckDuplicate: true, Labels: labels });
  return network.id;
}

export async function createSecret(name: string, value: string, labels: Record<string, string>): Promise<string> {
  const created = (await docker().createSecret({ Name: name, Labels: labels, Data: Buffer.from(value).toString("base64") })) as { id?: string; ID?: string };
  return created.id ?? created.ID ?? name;
}

export interface ServiceSpec {
  name: string;
  image: string;
  hostname: string;
  networkId: string;
  aliases: string[];
  env: Record<string, string>;
  /** On the service and on each of its tasks' containers. */
  labels: Record<string, string>;
  secret: { id: string; name: string; target: string };
  capAdd: string[];
}

/**
 * One replica, restarted by swarm whatever ends it (condition any, no delay),
 * reached by its name through DNS round robin: the task's own address, as
 * Erlang distribution needs, not a virtual IP.
 */
export async function createService(spec: ServiceSpec): Promise<void> {
  await docker().createService({
    Name: spec.name,
    Labels: spec.labels,
    TaskTemplate: {
      ContainerSpec: {
        Image: spec.image,
        Hostname: spec.hostname,
        Env: Object.entries(spec.env).map(([key, value]) => `${key}=${value}`),
        Labels: spec.labels,
        Init: true,
        CapabilityAdd: spec.capAdd,
        Secrets: [{ SecretID: spec.secret.id, SecretName: spec.secret.name, File: { Name: spec.secret.target, UID: "0", GID: "0", Mode: 0o400 } }],
      },
      RestartPolicy: { Condition: "any", Delay: 0, MaxAttempts: 0 },
      Networks: [{ Target: spec.networkId, Aliases: spec.aliases }],
    },
    Mode: { Replicated: { Replicas: 1 } },
    EndpointSpec: { Mode: "dnsrr" },
  });
}

export interface SwarmTask {
  id: string;
  state: string;
  containerId?: string | undefined;
  /** The swarm node the scheduler put it on (unset until it is placed). */
  nodeId?: string | undefined;
  createdAtMs: number;
}

/** A service's tasks, newest first: each is one container swarm started for it, on the node it says. */
export async function serviceTasks(service: string): Promise<SwarmTask[]> {
  const tasks = (await docker().listTasks({ filters: { service: [service] } })) as {
    ID: string;
    NodeID?: string;
    CreatedAt: string;
    Status: { State: string; ContainerStatus?: { ContainerID?: string } };
  }[];
  return tasks
    .map((t) => ({ id: t.ID, state: t.Status.State, containerId: t.Status.ContainerStatus?.ContainerID, nodeId: t.NodeID || undefined, createdAtMs: Date.parse(t.CreatedAt) }))
    .sort((a, b) => b.createdAtMs - a.createdAtMs);
}

export interface SwarmNode {
  id: string;
  hostname: string;
  /** The address the manager knows the node by (Status.Addr). */
  addr: string;
  /** Ready and active: the scheduler may put tasks on it. */
  schedulable: boolean;
}

/** The swarm's nodes, as the manager lists them. */
export async function swarmNodes(): Promise<SwarmNode[]> {
  const nodes = (await docker().listNodes()) as {
    ID: string;
    Description?: { Hostname?: string };
    Status?: { State?: string; Addr?: string };
    Spec?: { Availability?: string };
  }[];
  return nodes.map((n) => ({
    id: n.ID,
    hostname: n.Description?.Hostname ?? n.ID,
    addr: n.Status?.Addr ?? "",
    schedulable: n.Status?.State === "ready" && n.Spec?.Availability === "active",
  }));
}

/** The swarm node ID of an engine (empty if it is in no swarm): which swarm node the manager's own engine is. */
export async function swarmNodeIdOf(engine: EngineHandle): Promise<string> {
  const info = (await nativeEngine(engine).info()) as { Swarm?: { NodeID?: string } };
  return info.Swarm?.NodeID ?? "";
}

export async function listServices(labels: string[]): Promise<{ id: string; name: string; labels: Record<string, string> }[]> {
  const found = (await docker().listServices({ filters: { label: labels } })) as { ID: string; Spec: { Name: string; Labels?: Record<string, string> } }[];
  return found.map((s) => ({ id: s.ID, name: s.Spec.Name, labels: s.Spec.Labels ?? {} }));
}

export async function removeService(id: string): Promise<void> {
  await ignoringGone(() => docker().getService(id).remove());
}

export async function listSecrets(labels: string[]): Promise<{ id: string }[]> {
  const found = (await docker().listSecrets({ filters: { label: labels } })) as { ID: string }[];
  return found.map((s) => ({ id: s.ID }));
}

export async function removeSecret(id: string): Promise<void> {
  await ignoringGone(() => docker().getSecret(id).remove());
}
