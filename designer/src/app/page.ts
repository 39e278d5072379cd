import type { Route } from './router.js';

/** Every page module exports `renderPage`; the returned function (if any) runs when the user leaves. */
export type Cleanup = () => void;
export type RenderPage = (root: HTMLElement, route: Route) => Promise<Cleanup | void> | Cleanup | void;
export interface PageModule {
  renderPage: RenderPage;
}
