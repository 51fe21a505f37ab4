// A TypeDoc plugin: an operation's type is shown as `Operation`, not as the zod schemas it is
// inferred from (hundreds of lines each); docs/operations.md describes every input and output.
import { Converter, ReflectionKind } from "typedoc";

/** @param {import("typedoc").Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const reflection of context.project.getReflectionsByKind(ReflectionKind.Variable)) {
      const type = /** @type {import("typedoc").DeclarationReflection} */ (reflection).type;
      if (type?.type === "reference" && type.name === "Operation") type.typeArguments = undefined;
    }
  });
}
