// Flex Consumption plan and the Function App running the `obrador` custom handler. Every setting a binding in
// function.json names (FunctionCatalog) is produced here; a test keeps the two in step.
param name string
param location string
param tags object
param identityId string
param identityClientId string
param storageAccountName string
param deploymentContainerName string
param applicationInsightsName string
param eventHubNamespaceFqdn string
param eventHubName string
param eventHubConsumerGroup string
param keyVaultUri string
param nightlyRunSchedule string

@description('NCRONTAB schedule of the FoldCounters timer (folds the near-real-time counters\' delta log).')
param counterFoldSchedule string

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: { instanceMemoryMB: 2048, maximumInstanceCount: 40 }
      runtime: { name: 'custom', version: '1.0' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        // Host storage (triggers, checkpoints, the stage queue): identity-based connection AzureWebJobsStorage.
        { name: 'AzureWebJobsStorage__credential', value: 'managedidentity' }
        { name: 'AzureWebJobsStorage__clientId', value: identityClientId }
        { name: 'AzureWebJobsStorage__blobServiceUri', value: storage.properties.primaryEndpoints.blob }
        { name: 'AzureWebJobsStorage__queueServiceUri', value: storage.properties.primaryEndpoints.queue }
        { name: 'AzureWebJobsStorage__tableServiceUri', value: storage.properties.primaryEndpoints.table }
        // Event Hubs trigger: identity-based connection EventHubConnection.
        { name: 'EventHubConnection__fullyQualifiedNamespace', value: eventHubNamespaceFqdn }
        { name: 'EventHubConnection__credential', value: 'managedidentity' }
        { name: 'EventHubConnection__clientId', value: identityClientId }
        { name: 'EventHubName', value: eventHubName }
        { name: 'EventHubConsumerGroup', value: eventHubConsumerGroup }
        { name: 'NightlyRunSchedule', value: nightlyRunSchedule }
        { name: 'CounterFoldSchedule', value: counterFoldSchedule }
        // The app's own storage clients (lake + serving tables), token credential of the same identity.
        { name: 'Storage__BlobEndpoint', value: storage.properties.primaryEndpoints.blob }
        { name: 'Storage__TableEndpoint', value: storage.properties.primaryEndpoints.table }
        { name: 'Storage__QueueEndpoint', value: storage.properties.primaryEndpoints.queue }
        { name: 'Storage__ManagedIdentityClientId', value: identityClientId }
        { name: 'KeyVault__Uri', value: keyVaultUri }
        { name: 'Auth__EnableAppServiceAuth', value: 'false' }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: appInsights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'ClientId=${identityClientId};Authorization=AAD' }
      ]
    }
  }
}

output name string = site.name
output url string = 'https://${site.properties.defaultHostName}'
