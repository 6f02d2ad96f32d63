/**
 * WSDL 1.1 → the binding facts of a service: the SOAPAction of its one
 * operation (`wsdl:binding/wsdl:operation/soap:operation`), the service
 * path (`wsdl:service/wsdl:port/soap:address`) and the target namespace of
 * the embedded types schema. The types themselves are read by xsd.ts.
 * Anything the client could not honour (not SOAP 1.1 document/literal, more
 * than one port or operation) stops generation with the file and line.
 */
import type { BindingModel } from '../model/model.js';
import { SchemaReadError } from './errors.js';
import type { XmlNode } from './xml-tree.js';

export const WSDL_NS = 'http://schemas.xmlsoap.org/wsdl/';
/** The WSDL SOAP 1.1 binding extension. */
export const WSDL_SOAP11_NS = 'http://schemas.xmlsoap.org/wsdl/soap/';
const SOAP_HTTP = 'http://schemas.xmlsoap.org/soap/http';

function fail(file: string, node: XmlNode, message: string): never {
  throw new SchemaReadError(`${file}:${node.line}: ${message}`);
}

function only(file: string, parent: XmlNode, uri: string, name: string): XmlNode {
  const found = parent.children.filter((c) => c.uri === uri && c.name === name);
  if (found.length !== 1) fail(file, parent, `expected one ${name} in ${parent.name}, found ${found.length}`);
  return found[0]!;
}

function attribute(file: string, node: XmlNode, name: string): string {
  const value = node.attributes[name];
  if (value === undefined) fail(file, node, `${node.name} without ${name}`);
  return value;
}

/**
 * The path of a `soap:address` location. WSDLs ship placeholders for the
 * authority (`http://hostname:port/axis2/...`), which is not a URL `new URL`
 * accepts, so only the scheme and authority are cut off.
 */
export function addressPath(location: string): string {
  const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*(\/[^?#]*)/.exec(location);
  if (!match) throw new SchemaReadError(`soap:address location "${location}" has no path`);
  return match[1]!;
}

/**
 * The binding of a `wsdl:definitions` root whose embedded schema is `schema`;
 * undefined for a types-only WSDL (no binding and no service at all), which
 * the schema diff reads but the generator refuses (passes/service.ts).
 */
export function readBinding(file: string, root: XmlNode, schema: XmlNode): BindingModel | undefined {
  const has = (name: string): boolean => root.children.some((c) => c.uri === WSDL_NS && c.name === name);
  if (!has('binding') && !has('service')) return undefined;
  const binding = only(file, root, WSDL_NS, 'binding');
  const soapBinding = only(file, binding, WSDL_SOAP11_NS, 'binding');
  if (soapBinding.attributes['style'] !== 'document' || soapBinding.attributes['transport'] !== SOAP_HTTP) {
    fail(file, soapBinding, 'only SOAP 1.1 document style over HTTP is supported');
  }
  const operation = only(file, binding, WSDL_NS, 'operation');
  const soapOperation = only(file, operation, WSDL_SOAP11_NS, 'operation');
  for (const direction of ['input', 'output']) {
    const body = only(file, only(file, operation, WSDL_NS, direction), WSDL_SOAP11_NS, 'body');
    if (body.attributes['use'] !== 'literal') fail(file, body, `${direction} is not literal`);
  }
  const service = only(file, root, WSDL_NS, 'service');
  const port = only(file, service, WSDL_NS, 'port');
  const address = only(file, port, WSDL_SOAP11_NS, 'address');
  const bindingName = attribute(file, binding, 'name');
  const portBinding = attribute(file, port, 'binding');
  if (portBinding.slice(portBinding.indexOf(':') + 1) !== bindingName) {
    fail(
      file,
      port,
      `port ${port.attributes['name'] ?? ''} names binding ${portBinding}, not ${bindingName}`,
    );
  }
  return {
    service: attribute(file, service, 'name'),
    operation: attribute(file, operation, 'name'),
    soapAction: attribute(file, soapOperation, 'soapAction'),
    path: addressPath(attribute(file, address, 'location')),
    typesNamespace: attribute(file, schema, 'targetNamespace'),
    line: binding.line,
  };
}
