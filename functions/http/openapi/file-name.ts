/** The prebuilt OpenAPI document's file name beside the docs function's bundle. */
export const openApiFileName = 'openapi.json';
