// Obrador on Azure: one Flex Consumption Function App (custom handler), one storage account for the lake and the
// serving tables, Event Hubs for events, Key Vault, monitoring and alerts. No keys anywhere: a user-assigned managed
// identity with RBAC reaches every resource. Follows the azd Functions quickstart's layout (modules under app/).
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; seeds the unique resource names.')
param environmentName string

@minLength(1)
@description('Region of every resource (must offer Flex Consumption).')
param location string

@description('Object id of the deploying user, granted data access for debugging; empty to skip.')
param principalId string = ''

@description('E-mail of the on-call operator for alerts; empty for none.')
param alertEmail string = ''

@description('NCRONTAB (UTC) of the nightly pipeline; default 03:30 UTC, before 06:00 in the shops\' time zones.')
param nightlyRunSchedule string = '0 30 3 * * *'

@description('NCRONTAB schedule (UTC, with seconds) of the counters\' fold; every 10 s by default.')
param counterFoldSchedule string = '*/10 * * * * *'

var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: { name: 'id-obrador-${token}', location: location, tags: tags }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: { name: 'stobrador${token}', location: location, tags: tags }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: { name: 'obrador-${token}', location: location, tags: tags }
}

module eventHubs 'app/eventhubs.bicep' = {
  name: 'eventhubs'
  scope: rg
  params: { name: 'evhns-obrador-${token}', location: location, tags: tags }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: { name: 'kv-obr-${take(token, 14)}', location: location, tags: tags }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: 'func-obrador-${token}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    eventHubNamespaceFqdn: eventHubs.outputs.fullyQualifiedNamespace
    eventHubName: eventHubs.outputs.hubName
    eventHubConsumerGroup: eventHubs.outputs.consumerGroup
    keyVaultUri: keyVault.outputs.uri
    nightlyRunSchedule: nightlyRunSchedule
    counterFoldSchedule: counterFoldSchedule
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    userPrincipalId: principalId
    storageAccountName: storage.outputs.name
    eventHubNamespaceName: eventHubs.outputs.namespaceName
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    name: 'obrador-${token}'
    location: location
    tags: tags
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    functionAppName: api.outputs.name
    alertEmail: alertEmail
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output OBRADOR_API_URL string = api.outputs.url
