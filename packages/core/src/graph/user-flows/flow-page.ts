/** Keeping a flow's attribute collection page consistent with its attributes (api-surface 2.5, 2.9). */
import type { PageInput, UserFlow } from "./user-flow-schema.ts";

type Input = PageInput["views"][number]["inputs"][number];

/** The flow's page as a page input (nulls dropped), ready to be edited and PATCHed back whole. */
export function editablePage(flow: UserFlow): PageInput {
  return {
    views: (flow.page?.views ?? []).map((view) => ({
      ...(view.title == null ? {} : { title: view.title }),
      ...(view.description == null ? {} : { description: view.description }),
      inputs: view.inputs.map((input) => {
        const out: Input = {
          attribute: input.attribute,
          label: input.label,
          inputType: input.inputType,
          options: input.options,
        };
        for (const flag of ["required", "hidden", "editable", "writeToDirectory"] as const) {
          const v = input[flag];
          if (v !== null && v !== undefined) out[flag] = v;
        }
        if (input.validationRegEx != null) out.validationRegEx = input.validationRegEx;
        if (input.defaultValue != null) out.defaultValue = input.defaultValue;
        return out;
      }),
    })),
  };
}

/** The page without the inputs of an attribute; views keep their place even when emptied. */
export function pageWithout(page: PageInput, attributeId: string): PageInput {
  const key = attributeId.toLowerCase();
  return {
    views: page.views.map((v) => ({
      ...v,
      inputs: v.inputs.filter((i) => i.attribute.toLowerCase() !== key),
    })),
  };
}

/** The page with an attribute's input changed by `overrides` (the input Graph added by default). */
export function pageWithInput(page: PageInput, attributeId: string, overrides: Partial<Input>): PageInput {
  const key = attributeId.toLowerCase();
  return {
    views: page.views.map((v) => ({
      ...v,
      inputs: v.inputs.map((i) =>
        i.attribute.toLowerCase() === key ? { ...i, ...overrides, attribute: i.attribute } : i,
      ),
    })),
  };
}

/** Whether the page has an input for the attribute. */
export function pageHas(page: PageInput, attributeId: string): boolean {
  const key = attributeId.toLowerCase();
  return page.views.some((v) => v.inputs.some((i) => i.attribute.toLowerCase() === key));
}

/** The attributes a page's inputs name, in order, once each. */
export function pageAttributes(page: PageInput): string[] {
  return [...new Set(page.views.flatMap((v) => v.inputs.map((i) => i.attribute)))];
}
