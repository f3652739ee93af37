// Messages between the extension and the webview page, discriminated by `type`. Both sides
// import this file, so a message the other side does not understand is a type error.

/** One labelled value shown in the page. Values are always rendered as text, never HTML. */
export interface Field {
  readonly label: string;
  readonly value: string;
}

export interface DetailViewModel {
  readonly title: string;
  readonly fields: readonly Field[];
}

export type ToWebview = { readonly type: 'show'; readonly model: DetailViewModel };

export type FromWebview = { readonly type: 'ready' };
