// More than zero tests ran, none failed: a runner that does not know JUnit 5 or 6 runs none and passes.
import javax.xml.parsers.DocumentBuilderFactory

def reports = new File(basedir, 'target/surefire-reports').listFiles({ f -> f.name ==~ /TEST-.*\.xml/ } as FileFilter) ?: []
def suites = reports.collect { DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(it).documentElement }
int tests = suites.sum(0) { it.getAttribute('tests').toInteger() }
int bad = suites.sum(0) { it.getAttribute('failures').toInteger() + it.getAttribute('errors').toInteger() }
println "${basedir.name}: ${tests} tests ran, ${bad} failed"
assert tests > 0 : "${basedir.name}: no tests ran"
assert bad == 0 : "${basedir.name}: ${bad} tests failed"
