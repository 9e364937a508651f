/**
 * The OSPF lab as a test fixture: {@link io.cuttle.controller.lab.OspfLab} builds real FRR and
 * BIRD routers in network namespaces with {@code lab/ospf-lab.sh}, runs commands in them, and
 * always tears them down. Shipped in the controller's test jar for later end-to-end tests.
 */
package io.cuttle.controller.lab;
