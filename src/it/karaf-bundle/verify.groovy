import java.util.jar.JarFile
import javax.xml.parsers.DocumentBuilderFactory

// The library jar and its features repository, as a Karaf user gets them from a Maven repository.
def dir = new File(localRepositoryPath, "io/webhookrouter/vonage-webhook-router/${projectVersion}")
def jar = new JarFile(new File(dir, "vonage-webhook-router-${projectVersion}.jar"))
def manifest = jar.manifest.mainAttributes

assert manifest.getValue('Bundle-ManifestVersion') == '2'
assert manifest.getValue('Bundle-SymbolicName') == 'io.webhookrouter.vonage'
assert manifest.getValue('Bundle-Version') == projectVersion.replace('-', '.')

// an OSGi header as package name -> its attributes and directives (commas inside quotes do not split)
def clauses = { String header ->
    header.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).collectEntries { clause ->
        def parts = clause.split(';', 2)
        [(parts[0].trim()): parts.length > 1 ? parts[1] : '']
    }
}
def exports = clauses(manifest.getValue('Export-Package'))
def imports = clauses(manifest.getValue('Import-Package'))

def packages = jar.entries().findAll { it.name.endsWith('.class') }
        .collect { it.name.substring(0, it.name.lastIndexOf('/')).replace('/', '.') } as Set
assert exports.keySet() == packages : 'every package of the library is exported'

assert !imports.keySet().any { it.startsWith('java.') } : 'java.* is never imported'
assert !imports.containsKey('javax.jms') : 'the javax JMS API is not used'

// what an OSGi deployment does without: the standalone launcher, the embedded broker, log4j
def optional = imports.findAll { it.value.contains('resolution:=optional') }.keySet()
assert 'org.apache.camel.main' in optional
assert 'org.apache.camel.component.platform.http.main' in optional
assert imports.keySet().findAll { it.startsWith('org.apache.activemq.artemis.core.') }.every { it in optional }
assert imports.keySet().findAll { it.startsWith('org.apache.logging.') }.every { it in optional }

// every other import comes from a feature or bundle that features.xml names (or the JDK's javax.*)
// (Spring's JMS and transaction packages, which the batch consumer binds its session with, come with camel-jms)
def provided = ['org.apache.camel', 'io.vertx', 'com.fasterxml.jackson', 'io.micrometer', 'jakarta.jms',
                'org.springframework.jms', 'org.springframework.transaction',
                'org.apache.activemq.artemis.api', 'org.apache.activemq.artemis.jms.client', 'com.auth0.jwt',
                'org.apache.hc.client5', 'org.apache.hc.core5',
                'org.slf4j', 'javax', 'io.webhookrouter.vonage']
def unexpected = (imports.keySet() - optional)
        .findAll { pkg -> !provided.any { pkg == it || pkg.startsWith(it + '.') } }
assert unexpected.isEmpty() : "imported, but provided by no feature named in features.xml: ${unexpected}"

def features = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new File(dir, "vonage-webhook-router-${projectVersion}-features.xml"))
def texts = { String tag -> (0..<features.getElementsByTagName(tag).length).collect { features.getElementsByTagName(tag).item(it).textContent.trim() } }
assert texts('bundle').contains("mvn:io.webhookrouter/vonage-webhook-router/${projectVersion}".toString())
assert texts('feature').containsAll(['camel-core', 'camel-platform-http-vertx', 'camel-jms', 'camel-mail',
                                     'camel-http', 'camel-jackson', 'artemis-core-client'])
assert texts('repository').every { !it.contains('${') } : 'features.xml is filtered'
println "bundle ${manifest.getValue('Bundle-SymbolicName')}: ${exports.size()} packages exported, " +
        "${imports.size()} imported (${optional.size()} optional); features.xml names the bundle"
