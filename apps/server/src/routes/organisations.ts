import type { FastifyInstance } from 'fastify';

export default async function organisationRoutes(app: FastifyInstance) {
  app.get(
    '/api/v1/organisations',
    {
      schema: {
        summary: 'Reference data: regions, ambulance trusts, acute trusts and sites (ODS codes)',
        tags: ['reference'],
        security: [{ bearer: [] }],
      },
    },
    async (_request, reply) => {
      const { regions, ambulanceTrusts, acuteTrusts, sites } = app.organisations;
      reply.header('cache-control', 'private, max-age=3600');
      return {
        attribution:
          'Contains public sector information licensed under the Open Government Licence v3.0 (NHS England / NHS Digital ODS).',
        regions,
        ambulanceTrusts,
        acuteTrusts,
        sites,
      };
    },
  );
}
