package io.webhookrouter.vonage.routing;

import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.Model;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.model.TemplatedRouteDefinition;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.CamelEvent.RouteReloadedEvent;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.camel.support.PluginHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the routes of a saved route file's {@code templatedRoute} entries again, as route reloading does for its
 * {@code route:} entries (docs/destinations.md): Camel 4.18 reloads a saved file's routes and templates but not
 * the routes made from templates, so that a destination added or changed in {@code routes/delivery.camel.yaml}
 * would wait for a restart.
 * <p>
 * It acts on Camel's event for the last route a reload made again, which names the file. A file without any
 * {@code route:} entry makes no such event: the destinations' entries live next to routes of their own.
 */
public final class TemplatedRoutesReload extends EventNotifierSupport {

    private static final Logger LOG = LoggerFactory.getLogger(TemplatedRoutesReload.class);

    @Override
    public boolean isEnabled(CamelEvent event) {
        return event instanceof RouteReloadedEvent reloaded && reloaded.getIndex() == reloaded.getTotal();
    }

    @Override
    public void notify(CamelEvent event) throws Exception {
        Route last = ((RouteReloadedEvent) event).getRoute();
        Resource file = last.getSourceResource();
        if (file == null) {
            return;
        }
        CamelContext context = getCamelContext();
        for (RoutesBuilder builder : PluginHelper.getRoutesLoader(context).findRoutesBuilders(List.of(file))) {
            if (builder instanceof RouteBuilder routes) {
                // reads the file again; adds nothing to Camel
                routes.configureRoutes(context);
                routes.getTemplatedRouteCollection().setCamelContext(context);
                for (TemplatedRouteDefinition entry : routes.getTemplatedRouteCollection().getTemplatedRoutes()) {
                    remake(context.getCamelContextExtension().getContextPlugin(Model.class), entry, file);
                }
            }
        }
    }

    /** Replaces the entry's route by one made from the entry as saved; keeps the running one if that fails. */
    private static void remake(Model model, TemplatedRouteDefinition entry, Resource file) {
        String id = entry.getRouteId();
        if (id == null) {
            // it could not be told from the route made at start-up, and would be made twice
            LOG.warn("A templatedRoute entry of {} without a routeId is not reloaded; give it one", file.getLocation());
            return;
        }
        RouteDefinition running = model.getRouteDefinition(id);
        try {
            if (running != null) {
                model.removeRouteDefinition(running);
            }
            model.addRouteFromTemplatedRoute(entry);
            LOG.info("Reloaded {} from its templatedRoute entry in {}", id, file.getLocation());
        } catch (Exception failed) {
            LOG.error("Could not reload {} from its templatedRoute entry in {} ({}); it runs as it was", id,
                    file.getLocation(), failed.toString());
            restore(model, id, running);
        }
    }

    private static void restore(Model model, String id, RouteDefinition running) {
        if (running == null) {
            return;
        }
        try {
            RouteDefinition halfMade = model.getRouteDefinition(id);
            if (halfMade != null) {
                model.removeRouteDefinition(halfMade);
            }
            model.addRouteDefinition(running);
        } catch (Exception failed) {
            LOG.error("Could not restore {} ({}); it is stopped until the router restarts", id, failed.toString());
        }
    }
}
