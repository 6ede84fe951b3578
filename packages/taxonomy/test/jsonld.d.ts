// jsonld ships no types; the tests use only toRDF.
declare module 'jsonld' {
  const jsonld: { toRDF(input: object, options: { format: 'application/n-quads' }): Promise<string> };
  export default jsonld;
}
