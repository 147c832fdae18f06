// The parallel (-T 2) build wrote exactly what the serial build wrote, byte for byte, in every module.
import java.nio.file.*

def tree = { File root ->
  def files = [:] as TreeMap
  // the lock file stays, empty, between runs: not output
  root.eachFileRecurse { f -> if (f.isFile() && f.name != '.spacelift-oidc.lock') files[root.toPath().relativize(f.toPath()).toString()] = f.bytes.encodeHex().toString() }
  files
}
['network', 'app', 'data'].each { module ->
  def serial = tree(new File(basedir, "$module/out/serial"))
  def parallel = tree(new File(basedir, "$module/out/parallel"))
  assert serial.size() == 5 : "$module: expected 1 IAM module, 3 stack files and the manifest, got ${serial.keySet()}"
  assert serial == parallel : "$module: -T 2 output differs from the serial build's"
  assert serial.containsKey("iam/$module/spacelift-oidc-iam.tf".toString())
}
def log = new File(basedir, 'build.log').text
assert log.contains('Using the MultiThreadedBuilder') || log.contains('with a thread count of 2')
return true
