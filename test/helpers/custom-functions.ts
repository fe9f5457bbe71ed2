/**
 * The CustomFunctions global of Excel's shared runtime, as the functions see it
 * when Excel calls them: errors must come back as CustomFunctions.Error. One
 * stub for every test file that calls the functions the way Excel does.
 */

/** Stands in for CustomFunctions.Error: the Excel error code and the message shown. */
export class FakeCustomFunctionsError extends Error {
  constructor(
    public code: string,
    message?: string
  ) {
    super(message);
  }
}

/** Installs the stub before the file's tests (beforeAll) and removes it after them (afterAll). */
export function useCustomFunctionsStub(): void {
  beforeAll(() => {
    (globalThis as Record<string, unknown>).CustomFunctions = {
      Error: FakeCustomFunctionsError,
      ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A", divisionByZero: "#DIV/0!" },
    };
  });
  afterAll(() => {
    delete (globalThis as Record<string, unknown>).CustomFunctions;
  });
}
