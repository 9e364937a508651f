/**
 * Link annotations the controller adds to any topology: link load and capacity polled from the
 * routers over SNMP (interface counters turned into bit/s per direction and mapped onto links by
 * interface address), static annotations and sites from the controller configuration (monetary
 * cost, labels, counters, site membership and uplinks, selected by link name, router-id pair or
 * interface address), and the {@link io.cuttle.controller.annotation.AnnotatingTopologyProvider}
 * that overlays both onto whatever spec a wrapped provider delivers, letting only significant
 * changes travel on the operator's interval.
 */
package io.cuttle.controller.annotation;
