import { docker } from "./client.js";
import { ignoringGone } from "./gone.js";

/** A user-defined bridge network: containers on it find each other by name through Docker's DNS. */
export async function createBridgeNetwork(name: string, labels: Record<string, string>): Promise<void> {
  await docker().createNetwork({ Name: name, Driver: "bridge", CheckDuplicate: true, Labels: labels });
}

export async function listNetworks(labels: string[]): Promise<{ id: string; name: string }[]> {
  const found = await docker().listNetworks({ filters: { label: labels } });
  return found.map((n) => ({ id: n.Id, name: n.Name }));
}

export async function removeNetwork(idOrName: string): Promise<void> {
  await ignoringGone(() => docker().getNetwork(idOrName).remove());
}

/** Takes a container off a network: its peers there stop hearing from it, silently. */
export async function disconnectContainer(network: string, containerId: string): Promise<void> {
  await docker().getNetwork(network).disconnect({ Container: containerId, Force: true });
}

export async function connectContainer(network: string, containerId: string, aliases: string[]): Promise<void> {
  await docker().getNetwork(network).connect({ Container: containerId, EndpointConfig: { Aliases: aliases } });
}
