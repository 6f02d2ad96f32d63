/**
 * `GET /docs`: Swagger UI (the swagger-ui-dist package, served from
 * node_modules, so the page needs no network) pointed at `/openapi.json`,
 * with "Try it out" on. Links are relative, so the page works behind a
 * path prefix.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

/** The files the page loads, by the name it asks for. */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>MMS gateway</title>
  <link rel="stylesheet" href="docs/swagger-ui.css">
  <link rel="icon" type="image/png" href="docs/favicon-32x32.png">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="docs/swagger-ui-bundle.js"></script>
  <script src="docs/init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({
  url: 'openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  tryItOutEnabled: true,
  displayOperationId: true,
  defaultModelsExpandDepth: -1,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout',
});
`;

export interface DocsAsset {
  readonly type: string;
  readonly body: string | Buffer;
}

/** Serves the page and its assets; reads each asset once. */
export class DocsPage {
  readonly #cache = new Map<string, Buffer>();
  readonly #dir: Promise<string>;

  constructor() {
    this.#dir = import('swagger-ui-dist/absolute-path.js').then((m) => m.default());
  }

  page(): DocsAsset {
    return { type: 'text/html; charset=utf-8', body: PAGE };
  }

  /** An asset by name, or undefined for any name not in the list (no path is ever read from the request). */
  async asset(name: string): Promise<DocsAsset | undefined> {
    if (name === 'init.js') return { type: 'text/javascript; charset=utf-8', body: INIT };
    const type = ASSETS[name];
    if (type === undefined) return undefined;
    let body = this.#cache.get(name);
    if (!body) {
      body = await readFile(path.join(await this.#dir, name));
      this.#cache.set(name, body);
    }
    return { type, body };
  }
}
