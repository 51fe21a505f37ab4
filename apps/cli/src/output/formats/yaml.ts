import { stringify as toYaml } from "yaml";
import type { OutputFormatter } from "../output-format.ts";

/** `-o yaml`: the result as YAML; a streamed list is one sequence, page by page. */
export const yamlFormat: OutputFormatter = {
  render: (data) => (data === undefined ? "" : toYaml(data)),
  stream: (write) => ({
    page: (items) => write(toYaml(items)),
    end: (count) => {
      if (count === 0) write("[]\n");
    },
  }),
};
