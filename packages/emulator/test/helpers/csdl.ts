import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";

/** One structural property of a CSDL type. */
export interface CsdlProperty {
  name: string;
  /** `Edm.String`, `microsoft.graph.passwordProfile`, `Collection(Edm.String)`, … (alias `graph.` expanded). */
  type: string;
  nullable: boolean;
}

/** An EntityType or ComplexType of Microsoft Graph's CSDL. */
export interface CsdlType {
  name: string;
  kind: "entity" | "complex";
  base: string | null;
  abstract: boolean;
  properties: CsdlProperty[];
  /** Names of its navigation properties (served only where Graph nests them, e.g. a listener's bound extension). */
  navigation: string[];
}

export interface CsdlModel {
  types: Map<string, CsdlType>;
  /** Enum type full name → member names in declaration order. */
  enums: Map<string, string[]>;
}

/**
 * Where Microsoft's Graph metadata lives: `$CIAMKIT_SHARED_DIR/graph-metadata`, else the nearest
 * `shared/graph-metadata` beside the repository or one of its parents (`../shared` from the repo root;
 * worktrees sit one level deeper). Undefined when absent: tests skip, saying so.
 */
export function graphMetadataPath(): string | undefined {
  const file = "graph-metadata/v1.0.csdl.xml";
  const env = process.env.CIAMKIT_SHARED_DIR;
  if (env !== undefined) return existsSync(`${env}/${file}`) ? `${env}/${file}` : undefined;
  // test/helpers → repository root is four levels up; look beside it, then beside its parent.
  for (const up of ["../../../../../shared/", "../../../../../../shared/"]) {
    const candidate = fileURLToPath(new URL(up + file, import.meta.url));
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Parses the v1.0 CSDL document into types (with their own properties only) and enums. */
export function readCsdl(path: string): CsdlModel {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" });
  const doc = parser.parse(readFileSync(path, "utf8")) as {
    "edmx:Edmx": { "edmx:DataServices": { Schema: unknown } };
  };
  const types = new Map<string, CsdlType>();
  const enums = new Map<string, string[]>();
  for (const schema of asArray(doc["edmx:Edmx"]["edmx:DataServices"].Schema) as Record<string, unknown>[]) {
    const ns = schema.Namespace as string;
    const alias = schema.Alias as string | undefined;
    const expand = (t: string): string => {
      const collection = /^Collection\((.*)\)$/.exec(t);
      if (collection !== null) return `Collection(${expand(collection[1] as string)})`;
      return alias !== undefined && t.startsWith(`${alias}.`) ? `${ns}.${t.slice(alias.length + 1)}` : t;
    };
    for (const [kind, key] of [
      ["entity", "EntityType"],
      ["complex", "ComplexType"],
    ] as const) {
      for (const t of asArray(schema[key]) as Record<string, unknown>[]) {
        types.set(`${ns}.${t.Name as string}`, {
          name: `${ns}.${t.Name as string}`,
          kind,
          base: typeof t.BaseType === "string" ? expand(t.BaseType) : null,
          abstract: t.Abstract === "true",
          properties: (asArray(t.Property) as Record<string, string>[]).map((p) => ({
            name: p.Name as string,
            type: expand(p.Type as string),
            nullable: p.Nullable !== "false",
          })),
          navigation: (asArray(t.NavigationProperty) as Record<string, string>[]).map(
            (n) => n.Name as string,
          ),
        });
      }
    }
    for (const e of asArray(schema.EnumType) as Record<string, unknown>[]) {
      enums.set(
        `${ns}.${e.Name as string}`,
        (asArray(e.Member) as Record<string, string>[]).map((m) => m.Name as string),
      );
    }
  }
  return { types, enums };
}

/** Every structural property of a type, its base types' first (as Graph orders them). */
export function allProperties(model: CsdlModel, typeName: string): CsdlProperty[] {
  const t = model.types.get(typeName);
  if (t === undefined) throw new Error(`unknown CSDL type ${typeName}`);
  return [...(t.base === null ? [] : allProperties(model, t.base)), ...t.properties];
}

/** Every navigation property name of a type, its base types' included. */
export function allNavigation(model: CsdlModel, typeName: string): string[] {
  const t = model.types.get(typeName);
  if (t === undefined) throw new Error(`unknown CSDL type ${typeName}`);
  return [...(t.base === null ? [] : allNavigation(model, t.base)), ...t.navigation];
}

/** Types deriving (directly or not) from `typeName`. */
export function derivedTypes(model: CsdlModel, typeName: string): string[] {
  const out: string[] = [];
  for (const t of model.types.values()) {
    let b = t.base;
    while (b !== null) {
      if (b === typeName) {
        out.push(t.name);
        break;
      }
      b = model.types.get(b)?.base ?? null;
    }
  }
  return out;
}
