import { stringify } from "yaml";
import { clusterNodes } from "../cluster/cluster-node.js";
import { COOKIE_SECRET, COOKIE_SECRET_PATH } from "../cluster/cookie.js";
import { nodeCommand } from "../cluster/user-image.js";
import type { ClusterOptions } from "../config/cluster-options.js";
import { LABEL_ESCRIPT, LABEL_NODE, LABEL_PG_GROUPS, LABEL_PG_SCOPE } from "../docker/labels.js";
import { COOKIE_FILE } from "./compose-files.js";

/** Where the node command finds its cookie: a home of its own, made writable for the image's user by the command itself. */
const HOME = "/tmp/meshproof-home";

/**
 * A cluster of the user's image as a Compose file: each node started by the
 * node command with its name, host and peers filled in, after the cookie
 * secret is copied to $HOME/.erlang.cookie; labelled so that `meshproof
 * check --attach compose:PROJECT` (and a run with --attach) finds its nodes.
 */
export function userImageCompose(options: ClusterOptions & { image: string; nodeCmd: string }): string {
  const nodes = clusterNodes("", options.nodes);
  const cookie = `mkdir -p ${HOME} && cp ${COOKIE_SECRET_PATH} ${HOME}/.erlang.cookie && chmod 400 ${HOME}/.erlang.cookie && `;
  const services = Object.fromEntries(
    nodes.map((node) => [
      node.host,
      {
        image: options.image,
        hostname: node.host,
        init: true,
        cap_add: ["NET_ADMIN"],
        restart: "on-failure",
        entrypoint: ["sh", "-c"],
        command: [cookie + nodeCommand(options.nodeCmd, node, nodes, options.netTicktime)],
        environment: { HOME, MESHPROOF_NODE: node.name },
        secrets: [COOKIE_SECRET],
        labels: {
          [LABEL_NODE]: node.name,
          [LABEL_PG_SCOPE]: options.pgScope,
          [LABEL_PG_GROUPS]: JSON.stringify(options.pgGroups),
          ...(options.escript ? { [LABEL_ESCRIPT]: options.escript } : {}),
        },
        networks: ["mesh"],
      },
    ]),
  );
  const file = { services, networks: { mesh: { driver: "bridge" } }, secrets: { [COOKIE_SECRET]: { file: `./${COOKIE_FILE}` } } };
  return stringify(file, { version: "1.1", aliasDuplicateObjects: false });
}
