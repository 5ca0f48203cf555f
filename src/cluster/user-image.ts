import { runOnce } from "../docker/run-once.js";
import { imageId } from "../docker/images.js";
import { UsageError } from "../errors.js";
import { PRINT_OTP_RELEASE } from "../probe/probe-release.js";
import type { ClusterNode } from "./cluster-node.js";
import { LABEL_RUN } from "../docker/labels.js";

/** In a user's image the cookie goes here, as Erlang's $HOME/.erlang.cookie: HOME is set to this directory. */
export const USER_IMAGE_HOME = "/opt/meshproof/home";

/** What meshproof needs to know of a user's image: the user its nodes run as (who must read the cookie), and its OTP release. */
export interface UserImage {
  image: string;
  uid: number;
  gid: number;
  otpRelease: string;
}

/**
 * Runs the image once (its entrypoint replaced by sh) to find escript, the
 * image's user and its OTP release; refuses, with what is missing, an image
 * meshproof cannot probe. No pull: the engine must have the image.
 */
export async function checkUserImage(image: string, escript: string | undefined, runId: string): Promise<UserImage> {
  if (!(await imageId(image))) throw new UsageError(`--image ${image}: the engine has no such image, and meshproof does not pull images; build or load it first`);
  const find = escript ? `test -x '${escript}' && echo '${escript}' || echo MISSING` : "command -v escript || echo MISSING";
  let result: { exitCode: number; output: string };
  try {
    result = await runOnce({ image, cmd: ["sh", "-c", `${find}; id -u; id -g; ${PRINT_OTP_RELEASE}`], networkMode: "none", labels: { [LABEL_RUN]: runId } });
  } catch (error) {
    throw new UsageError(`--image ${image}: cannot run sh in it (${(error as Error).message}); --node-cmd runs through sh`);
  }
  const [found, uid, gid, otpRelease] = result.output.trim().split("\n").map((line) => line.trim());
  if (found === "MISSING" || !found) {
    throw new UsageError(
      escript
        ? `--escript ${escript}: no executable there in ${image}`
        : `--image ${image}: no escript on the image's PATH; meshproof's probe is an escript, so the image needs Erlang's escript (or give its path with --escript)`,
    );
  }
  return { image, uid: Number(uid) || 0, gid: Number(gid) || 0, otpRelease: otpRelease ?? "" };
}

/**
 * The node's start command: the user's template with {node}, {name}, {host},
 * {peers} and {net_ticktime} (the scenario's, which its timing assumes)
 * filled in.
 */
export function nodeCommand(template: string, node: ClusterNode, all: readonly ClusterNode[], netTicktime: number): string {
  return template
    .replaceAll("{net_ticktime}", String(netTicktime))
    .replaceAll("{node}", node.name)
    .replaceAll("{name}", node.name.split("@")[0]!)
    .replaceAll("{host}", node.host)
    .replaceAll("{peers}", all.map((n) => n.name).join(" "));
}
