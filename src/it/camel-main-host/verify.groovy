// the build passed; make sure it passed because the end-to-end test ran, not because it was skipped
def log = new File(basedir, 'build.log').text
assert log.contains('Tests run: 4, Failures: 0, Errors: 0, Skipped: 0') : 'the host application test did not run'
