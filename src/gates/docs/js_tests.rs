//! Unit tests of the JavaScript/TypeScript reader (`js.rs`): each on a snippet written for it.

use super::*;

fn names(src: &str) -> Vec<String> {
    count(src).into_iter().map(|i| i.label()).collect()
}

#[test]
fn exported_declarations() {
    let src = r#"
/** Documented. */
export function f() {}
// line comment
export function g() {}
/* block */
export async function h() {}
function local() {}
/** Doc before a line comment still counts. */
// eslint-disable-next-line
export const a = 1, b = () => { return 2 };
export const m: Map<string, number> = new Map();
export let c;
export type T = string | number;
/** I */
export interface I {
  /** x */
  x: number;
  y?: string
  m(): void;
  [key: string]: unknown;
}
export enum E { A = 1, /** B */ B }
export default function () {}
const later = 1;
export { later };
const s = `template ${ `nested ${x}` } export function fake() {}`;
const r = /export function fakeRe\//g;
"#;
    assert_eq!(
        names(src),
        [
            "+function:f",
            "-function:g",
            "-function:h",
            "+variable:a",
            "+variable:b",
            "-variable:m",
            "-variable:c",
            "-type alias:T",
            "+interface:I",
            "+property:I.x",
            "-property:I.y",
            "-method:I.m",
            "-enum:E",
            "-enum member:E.A",
            "+enum member:E.B",
            "-function:default",
            "-variable:later"
        ]
    );
}

#[test]
fn classes() {
    let src = r#"
/** C */
@Component({ selector: 'x' })
export class C<T> extends Base implements I {
  /** doc */
  public a: number = 1;
  b = 2
  private p = 3;
  protected q(): void {}
  #priv = 4;
  static s() {}
  constructor(private x: number) { super(); }
  /** getter */
  get v(): number { return 1 }
  set v(x: number) {}
  group<T extends A | B>(
items: T[],
  ): Map<string, T[]>;
  over(a: string): void;
  /** The implementation's doc is not an overload's. */
  over(a: any) {}
  typed(): { a: number } { return { a: 1 }; }
  @Input() decorated: string;
  async am() { const fn = function() {}; }
  static { init(); }
}
class Hidden { m() {} }
"#;
    assert_eq!(
        names(src),
        [
            "+class:C",
            "+property:C.a",
            "-property:C.b",
            "-method:C.s",
            "+get accessor:C.v",
            "-set accessor:C.v",
            "-method:C.group",
            "-method:C.over",
            "-method:C.typed",
            "-property:C.typed.a",
            "-property:C.decorated",
            "-method:C.am"
        ]
    );
}

#[test]
fn inherited_members_are_listed_under_the_subclass() {
    let src = "export class Base {\n  /** a */\n  a: number;\n  b(): void;\n}\nexport class Sub extends Base {\n  b(): void;\n}\nexport interface I extends Base, Other<string> {}\n";
    assert_eq!(
        names(src),
        [
            "-class:Base",
            "+property:Base.a",
            "-method:Base.b",
            "-class:Sub",
            "-method:Sub.b",
            "+property:Sub.a",
            "-interface:I",
            "+property:I.a",
            "-method:I.b"
        ]
    );
}

#[test]
fn namespaces() {
    let src = "export namespace N {\n  /** f */\n  export function f() {}\n  function g() {}\n}\ndeclare module 'm' {\n  export const v: number;\n}\n";
    assert_eq!(names(src), ["+function:f", "-variable:v"]);
}

#[test]
fn get_and_set_are_two_items_each_with_its_own_comment() {
    let src = "export declare class Thermostat {\n  /** Current target, in degrees. */\n  get target(): number;\n  set target(t: number);\n  get reading(): number;\n  /** Only the setter says it. */\n  set mode(m: string);\n}\n";
    assert_eq!(
        names(src),
        [
            "-class:Thermostat",
            "+get accessor:Thermostat.target",
            "-set accessor:Thermostat.target",
            "-get accessor:Thermostat.reading",
            "+set accessor:Thermostat.mode"
        ]
    );
}

#[test]
fn only_the_first_overloads_comment_covers_the_others() {
    let src = "/** Parses. */\nexport function parse(s: string): number;\nexport function parse(b: Uint8Array): number;\nexport function fmt(n: number): string;\n/** Hex. */\nexport function fmt(n: number, hex: true): string;\nexport function fmt(n: bigint): string;\nexport class Box {\n  put(a: string): void;\n  /** Numbers. */\n  put(a: number): void;\n}\n";
    assert_eq!(
        names(src),
        [
            "+function:parse",
            "+function:parse",
            "-function:fmt",
            "+function:fmt",
            "-function:fmt",
            "-class:Box",
            "-method:Box.put",
            "+method:Box.put"
        ]
    );
}

#[test]
fn export_assignment_and_ambient_namespace_members() {
    // `export =` makes the function and its merged `declare namespace` the module; inside an
    // ambient namespace a declaration is exported without the keyword.
    let src = "export = clock;\ndeclare function clock(): clock.Tick;\n/** With a zone. */\ndeclare function clock(zone: string): clock.Tick;\ndeclare namespace clock {\n  interface Tick { at: number }\n  /** Formats. */\n  export function fmt(t: Tick): string;\n  const epoch: number;\n}\ndeclare namespace hidden {\n  const inner: number;\n}\nnamespace local {\n  export const notPublic = 1;\n}\n";
    assert_eq!(
        names(src),
        [
            "-function:clock",
            "+function:clock",
            "-interface:Tick",
            "-property:Tick.at",
            "+function:fmt",
            "-variable:epoch"
        ]
    );
}

#[test]
fn nested_object_types_and_construct_signatures() {
    // Members of object types inside a member's type, a return type or a variable's type are
    // items (not inside parameters); a constructor type is a construct signature of its own,
    // documented in a class by the property's comment only.
    let src = "export declare function sprout<T extends { a: 1 }>(o: { b: 2 }): { height: number };\n/** Plant. */\nexport declare class Plant {\n  /** Soil. */\n  soil: { ph: number; /** Depth. */ depth: { cm: number } };\n  /** Factory. */\n  seed: new () => Plant;\n  water(opts: { litres: number }): { ok: boolean };\n}\n/** Garden. */\nexport type Garden = {\n  /** Kind. */\n  kind?: new (n: number) => Plant;\n  new (): Garden;\n};\n/** Shed. */\nexport interface Shed {\n  (tool: string): void;\n  new (): Shed;\n  door: (new () => Shed) | undefined;\n}\n/** Tools. */\nexport declare const tools: { rake: number }[];\n";
    assert_eq!(
        names(src),
        [
            "-function:sprout",
            "-property:sprout.height",
            "+class:Plant",
            "+property:Plant.soil",
            "-property:Plant.soil.ph",
            "+property:Plant.soil.depth",
            "-property:Plant.soil.depth.cm",
            "+property:Plant.seed",
            "+constructor signature:Plant.seed",
            "-method:Plant.water",
            "-property:Plant.water.ok",
            "+type alias:Garden",
            "+property:Garden.kind",
            "-constructor signature:Garden.kind",
            "+interface:Shed",
            "+call signature:Shed",
            "-property:Shed.door",
            "-constructor signature:Shed.door",
            "+variable:tools",
            "-property:tools.rake"
        ]
    );
}

#[test]
fn a_redeclared_member_takes_the_base_members_comment() {
    let src = "export interface Shape {\n  /** Area in m². */\n  area: number;\n  sides: number;\n}\nexport interface Square extends Shape {\n  area: number;\n  sides: 4;\n}\nexport interface Fetch extends RequestInit {\n  method: string;\n  retries: number;\n}\n";
    assert_eq!(
        names(src),
        [
            "-interface:Shape",
            "+property:Shape.area",
            "-property:Shape.sides",
            "-interface:Square",
            "+property:Square.area",
            "-property:Square.sides",
            "-interface:Fetch",
            "+property:Fetch.method",
            "-property:Fetch.retries"
        ]
    );
}
