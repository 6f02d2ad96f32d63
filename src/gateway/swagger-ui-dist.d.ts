// swagger-ui-dist ships no types; the gateway uses only the folder of its files.
declare module 'swagger-ui-dist/absolute-path.js' {
  const getAbsoluteFSPath: () => string;
  export default getAbsoluteFSPath;
}
