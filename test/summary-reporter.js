// Prints one plain closing line, "N passed, N failed", that any CI can read. It is written when the process
// exits, so it stands after jest's own summary as the last line of the run.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites
    const line = `${results.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '')
    process.once('exit', () => process.stdout.write(`\njest: ${line}\n`))
  }
}
module.exports = SummaryReporter
