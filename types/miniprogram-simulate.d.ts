/** The parts of miniprogram-simulate 1.6.2 (no bundled types) that test/weapp uses. */
declare module 'miniprogram-simulate' {
  export interface SimulatedNode {
    dom: HTMLElement
    data: Record<string, unknown>
    querySelector(selector: string): SimulatedNode | undefined
    querySelectorAll(selector: string): SimulatedNode[]
    dispatchEvent(eventName: string, options?: Record<string, unknown>): void
  }
  export interface SimulatedComponent extends SimulatedNode {
    attach(parent: Element): void
    detach(): void
  }
  export function load(
    componentPath: string,
    options?: { rootPath?: string; compiler?: 'official' | 'simulate'; less?: boolean },
  ): string
  export function render(id: string, properties?: Record<string, unknown>): SimulatedComponent
  export function sleep(ms: number): Promise<void>
}
