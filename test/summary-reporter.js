// Prints one plain closing line, "N passed, N failed", that any CI can read. It is written when the process
// exits, so it stands after jest's own summary as the last line of the run. `npm test` runs jest with
// --forceExit (a handle one test leaves open must not hold CI until its time limit); what was still open at the
// exit is named here, so that the test which leaked it can be found and fixed.
const fs = require('fs')

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites
    const line = `${results.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : '')
    // fs.writeSync: on a forced exit jest silences process.stdout.write before the process ends
    process.once('exit', () => {
      const open = stillOpen()
      if (open.length) fs.writeSync(1, `\njest: still open at exit: ${open.join('; ')}\n`)
      fs.writeSync(1, `\njest: ${line}\n`)
    })
  }
}

/** The handles keeping the process alive besides its own standard streams. */
function stillOpen() {
  const std = new Set([process.stdin, process.stdout, process.stderr])
  return process
    ._getActiveHandles()
    .filter((h) => !std.has(h))
    .map((h) => {
      const kind = h?.constructor?.name ?? typeof h
      if (kind === 'ChildProcess') return `ChildProcess ${(h.spawnargs ?? []).join(' ').slice(0, 160)}`
      if (kind === 'Server') return `Server ${JSON.stringify(h.address?.())}`
      if (kind === 'Socket') return `Socket ${h.remoteAddress ?? ''}:${h.remotePort ?? h.localPort ?? ''}`
      if (kind === 'Timeout') return `Timeout ${h._idleTimeout} ms ${String(h._onTimeout).slice(0, 80)}`
      return kind
    })
}
module.exports = SummaryReporter
