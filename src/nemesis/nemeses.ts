import type { ClusterBackend } from "../cluster/cluster-backend.js";
import type { FaultPlan } from "../schedule/plan-faults.js";
import { crashNemesis } from "./crash.js";
import { killNemesis } from "./kill.js";
import type { Nemesis } from "./nemesis.js";
import { netemNemesis } from "./netem.js";
import { disconnectPartitionNemesis } from "./partition-disconnect.js";
import { iptablesPartitionNemesis } from "./partition-iptables.js";
import { pauseNemesis } from "./pause.js";
import { stopNemesis } from "./stop.js";

/** The nemesis that carries out a planned fault; on swarm nothing the harness kills or stops is started again by it. */
export function nemesisFor(plan: FaultPlan, restarter: ClusterBackend["restarter"] = "harness"): Nemesis {
  switch (plan.kind) {
    case "kill":
    case "kill-many":
      return restarter === "swarm" ? { invoke: killNemesis.invoke } : killNemesis;
    case "crash":
      return crashNemesis;
    case "stop":
      return restarter === "swarm" ? { invoke: stopNemesis.invoke } : stopNemesis;
    case "pause":
      return pauseNemesis;
    case "partition":
      return plan.method === "disconnect" ? disconnectPartitionNemesis : iptablesPartitionNemesis;
    case "delay":
    case "loss":
      return netemNemesis;
  }
}
