// Types for the one internal sucrase module cell-scope.ts uses: the parser behind `transform`,
// which labels each identifier token with its role (declaration, access, ...) and its scopes.
declare module 'sucrase/dist/parser/index.js' {
  export interface SucraseToken {
    start: number;
    end: number;
    /** sucrase's IdentifierRole enum; null for non-identifiers and property names. */
    identifierRole: number | null;
    /** True inside type annotations, interfaces and type aliases. */
    isType: boolean;
  }
  export interface SucraseScope {
    /** Token range [start, end) the scope covers. */
    startTokenIndex: number;
    endTokenIndex: number;
    isFunctionScope: boolean;
  }
  export function parse(
    input: string, isJSXEnabled: boolean, isTypeScriptEnabled: boolean, isFlowEnabled: boolean,
  ): { tokens: SucraseToken[]; scopes: SucraseScope[] };
}
